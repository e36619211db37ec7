// STUB (replaced by the layers work): Lambda layers of the local Lambda.
import type {LayerArtifact} from '../runtime/types.js';

export interface ResolvedLayer extends LayerArtifact {
	/** Zipped size (the Layers[].CodeSize of a function's configuration). */
	codeSize: number;
	/** Sum of the unzipped sizes of its entries. */
	codeSizeUnzipped: number;
}

export interface LayerServiceOptions {
	dataDir: string;
	region: string;
	accountId: string;
}

export class LayerService {
	static async open(_options: LayerServiceOptions): Promise<LayerService> {
		return new LayerService();
	}

	/** The layer versions these ARNs name, in order; throws the LambdaError Lambda answers with when one does not exist. */
	resolve(arns: readonly string[]): ResolvedLayer[] {
		return arns.map((arn) => ({arn, zipPath: '', sha256Hex: '', codeSize: 0, codeSizeUnzipped: 0}));
	}

	async close(): Promise<void> {}
}
