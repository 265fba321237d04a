/** A short digest of the files a model was loaded from, so a retrained model is told apart. */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';

/** transformers.js's ONNX file suffix per dtype (model.onnx for fp32). */
const DTYPE_SUFFIX: Record<string, string> = {
  fp32: '',
  fp16: '_fp16',
  q8: '_quantized',
  int8: '_int8',
  uint8: '_uint8',
  q4: '_q4',
  q4f16: '_q4f16',
  bnb4: '_bnb4',
};

/**
 * sha-256 over config.json, tokenizer.json and the ONNX file (with any external data) of the
 * dtype, first 16 hex digits; null when the folder cannot be read. Streamed, so a hub model of
 * hundreds of MB never sits in memory and the event loop keeps serving meanwhile.
 */
export async function modelRevision(folder: string, dtype: string): Promise<string | null> {
  const onnx = `model${DTYPE_SUFFIX[dtype] ?? ''}.onnx`;
  try {
    const weights = (await readdir(join(folder, 'onnx')))
      .filter((file) => file === onnx || file.startsWith(`${onnx}_data`))
      .sort();
    if (weights.length === 0) {
      return null;
    }
    const hash = createHash('sha256');
    const files = ['config.json', 'tokenizer.json', ...weights.map((w) => join('onnx', w))];
    for (const file of files) {
      hash.update(`${file}\0`);
      for await (const chunk of createReadStream(join(folder, file))) {
        hash.update(chunk as Buffer);
      }
    }
    return hash.digest('hex').slice(0, 16);
  } catch {
    return null;
  }
}
