// The bench model's 16-bit files (`bench --gpu`, make-model.ts ensureSixteenBit) load in transformers.js as a q4f16
// export does (float16 cache and logits, the session says so) and greedy-decode the tokens the fp32 file does.
// Node, onnxruntime-node on the CPU: no GPU here; the browser run on a real adapter is `npm run bench -- --gpu`.
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { AutoModelForCausalLM, AutoTokenizer, env, type PreTrainedModel, type Tensor } from '@huggingface/transformers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureModel, ensureSixteenBit, hubRoot, REPO, SIXTEEN_BIT_FILES, type ModelInfo } from './make-model';

const PROMPT = 'Write a short story about a lighthouse keeper.';
const NEW_TOKENS = 12;

let info: ModelInfo;
const models: PreTrainedModel[] = [];

beforeAll(() => {
  // The tiny bench model (34 MB; kept in bench/.models between runs, as the bench keeps it).
  info = ensureModel('tiny');
  ensureSixteenBit(info);
  env.allowRemoteModels = false;
  env.allowLocalModels = true;
  env.localModelPath = `${hubRoot('tiny')}/`;
}, 120_000);

afterAll(async () => {
  for (const m of models) await m.dispose();
});

async function greedy(dtype: 'q4' | 'q4f16'): Promise<{ tokens: bigint[]; cacheType: string | undefined; logitsType: string | undefined }> {
  const tokenizer = await AutoTokenizer.from_pretrained(REPO);
  const model = await AutoModelForCausalLM.from_pretrained(REPO, { device: 'cpu', dtype });
  models.push(model);
  const inputs = tokenizer.apply_chat_template([{ role: 'user', content: PROMPT }], { add_generation_prompt: true, return_dict: true }) as { input_ids: Tensor; attention_mask: Tensor };
  const out = (await model.generate({ ...inputs, max_new_tokens: NEW_TOKENS, do_sample: false, repetition_penalty: 1 })) as Tensor;
  const promptLength = inputs.input_ids.dims.at(-1) ?? 0;
  const session = (model as unknown as { sessions: { model: { inputMetadata: { name: string; type?: string }[]; outputMetadata: { name: string; type?: string }[] } } }).sessions.model;
  return {
    tokens: (Array.from(out.data as BigInt64Array) as bigint[]).slice(promptLength),
    cacheType: session.inputMetadata.find((m) => m.name === 'past_key_values.0.key')?.type,
    logitsType: session.outputMetadata.find((m) => m.name === 'logits')?.type,
  };
}

describe('the bench model\'s 16-bit files', () => {
  it('are their own file (not links of the fp32 graph), fp16 the same bytes as q4f16', () => {
    const onnx = join(info.dir, 'onnx');
    const [q4f16, fp16] = SIXTEEN_BIT_FILES.map((f) => statSync(join(onnx, f)));
    expect(q4f16?.ino).not.toBe(statSync(join(onnx, 'model_q4.onnx')).ino);
    expect(fp16?.ino).toBe(q4f16?.ino);
    // A second call keeps them.
    expect(ensureSixteenBit(info)).toBe(false);
  });

  it('load with dtype q4f16 as float16 cache and logits, and greedy-decode the same tokens as the fp32 file', async () => {
    const full = await greedy('q4');
    const half = await greedy('q4f16');
    expect(full.cacheType).toBe('float32');
    expect(half.cacheType).toBe('float16');
    expect(half.logitsType).toBe('float16');
    expect(full.tokens).toHaveLength(NEW_TOKENS);
    // Same weights and float32 compute; only the cache and logits are rounded to float16 between steps. The random
    // model's top two logits are far enough apart on this prompt that the rounding changes no argmax.
    expect(half.tokens).toEqual(full.tokens);
  }, 120_000);
});
