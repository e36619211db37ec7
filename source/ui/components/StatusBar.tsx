// The last line: where the console is pointed (the local Lambda, or AWS with
// profile, account and region), read-only when on, and the two keys to know.
import {Box, Text} from 'ink';
import React from 'react';
import stringWidth from 'string-width';
import {truncate} from '../../domain/format.js';
import type {Session} from '../../session.js';
import type {Theme} from '../theme.js';

interface Props {
	session: Session;
	accountId: string | undefined;
	width: number;
	theme: Theme;
}

export function StatusBar({session, accountId, width, theme}: Props) {
	const {target} = session;
	const badge = target.kind === 'local' ? ' LOCAL ' : ' AWS ';
	const badgeColor = target.kind === 'local' ? theme.local : theme.aws;
	const where =
		target.kind === 'local'
			? ` local Lambda ${target.endpoint} · ${session.region}`
			: ` ${target.profile ? `profile ${target.profile}` : 'default credentials'} · ${accountId ? `account ${accountId}` : 'account …'} · ${session.region}${target.endpoint ? ` · ${target.endpoint}` : ''}`;
	const readOnly = session.readOnly ? ' READ-ONLY ' : '';
	const keys = ' ?:help q:quit';
	const room = width - stringWidth(badge) - stringWidth(readOnly) - stringWidth(keys) - 1;
	const whereText = truncate(where, Math.max(0, room));
	const gap = Math.max(1, width - stringWidth(badge) - stringWidth(whereText) - stringWidth(readOnly) - stringWidth(keys) - 1);
	return (
		<Box width={width}>
			<Text wrap="truncate">
				<Text inverse bold color={badgeColor}>
					{badge}
				</Text>
				<Text>{whereText}</Text>
				{readOnly ? (
					<Text inverse bold color={theme.danger}>
						{readOnly}
					</Text>
				) : null}
				{' '.repeat(gap)}
				<Text color={theme.muted}>{keys}</Text>
			</Text>
		</Box>
	);
}
