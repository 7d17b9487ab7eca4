import { describe, expect, it } from 'vitest';
import { LoadRecords } from './load-records';

const url = (repo: string, file: string) => `https://huggingface.co/${repo}/resolve/main/${file}`;

describe('LoadRecords', () => {
  it('gives each overlapping load only the writes of its own repo, and forgets a load once it ended', () => {
    const records = new LoadRecords();
    const voice = records.begin('onnx-community/Supertonic-TTS-2-ONNX');
    const recognizer = records.begin('onnx-community/whisper-base');
    records.stored(url('onnx-community/whisper-base', 'onnx/encoder_model.onnx'));
    records.stored(url('onnx-community/Supertonic-TTS-2-ONNX', 'onnx/text_encoder.onnx'));
    records.refused(url('onnx-community/whisper-base', 'onnx/decoder_model_merged_q4.onnx'), 1234);
    records.end(voice);
    records.stored(url('onnx-community/Supertonic-TTS-2-ONNX', 'voices/F1.bin'));

    expect(voice.written).toEqual([url('onnx-community/Supertonic-TTS-2-ONNX', 'onnx/text_encoder.onnx')]);
    expect(voice.summary()).toEqual({ downloadedFiles: 1 });
    expect(recognizer.written).toEqual([url('onnx-community/whisper-base', 'onnx/encoder_model.onnx')]);
    expect(recognizer.summary()).toEqual({ downloadedFiles: 2, notStored: { files: 1, bytes: 1234 } });
  });

  it('does not mistake a repo whose name starts like another for it', () => {
    const records = new LoadRecords();
    const small = records.begin('onnx-community/whisper-base');
    records.stored(url('onnx-community/whisper-base.en', 'config.json'));
    expect(small.written).toEqual([]);
  });
});
