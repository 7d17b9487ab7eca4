// The written WebVTT and SRT files, read back by media-captions (a browser caption parser) in strict mode.
import { parseText } from 'media-captions';
import { describe, expect, it } from 'vitest';
import type { Cue } from '../domain/caption';
import { exportName, searchCues, toSrt, toWebVtt } from './format';

const cues: Cue[] = [
  { start: 0, end: 2, text: 'apple' },
  { start: 2.02, end: 4.5, text: 'banana' },
  { start: 3725.25, end: 3726, text: 'an hour in' },
];

describe('caption files', () => {
  it('WebVTT parses back to the same times and texts', async () => {
    const vtt = toWebVtt(cues);
    expect(vtt.startsWith('WEBVTT\n\n00:00:00.000 --> 00:00:02.000\napple\n')).toBe(true);
    const parsed = await parseText(vtt, { strict: true, type: 'vtt' });
    expect(parsed.errors).toEqual([]);
    expect(parsed.cues.map((c) => [c.startTime, c.endTime, c.text])).toEqual(cues.map((c) => [c.start, c.end, c.text]));
  });

  it('SRT parses back to the same times and texts', async () => {
    const srt = toSrt(cues);
    expect(srt).toContain('3\n01:02:05,250 --> 01:02:06,000\nan hour in\n');
    const parsed = await parseText(srt, { strict: true, type: 'srt' });
    expect(parsed.errors).toEqual([]);
    expect(parsed.cues.map((c) => [c.startTime, c.endTime, c.text])).toEqual(cues.map((c) => [c.start, c.end, c.text]));
  });

  it('edited text cannot break the file: blank lines, "-->", tags; empty cues are left out', async () => {
    const hostile: Cue[] = [
      { start: 1, end: 2, text: 'one\n\ntwo --> three' },
      { start: 2, end: 3, text: '   ' },
      { start: 3, end: 4, text: '<b>bold</b> & <script>x</script>' },
    ];
    const parsed = await parseText(toWebVtt(hostile), { strict: true, type: 'vtt' });
    expect(parsed.cues.map((c) => [c.startTime, c.endTime])).toEqual([[1, 2], [3, 4]]);
    expect(parsed.cues[0]?.text).toBe('one\ntwo → three');
    expect(parsed.cues[1]?.text).toBe('&lt;b&gt;bold&lt;/b&gt; &amp; &lt;script&gt;x&lt;/script&gt;');
    const srt = await parseText(toSrt(hostile), { strict: true, type: 'srt' });
    expect(srt.cues).toHaveLength(2);
    expect(toWebVtt([])).toBe('WEBVTT\n\n');
  });

  it('search keeps indexes; export names', () => {
    expect(searchCues(cues, 'BAN')).toEqual([{ cue: cues[1], index: 1 }]);
    expect(searchCues(cues, ' ')).toHaveLength(3);
    expect(exportName('holiday.clip.mp4', 'vtt')).toBe('holiday.clip.vtt');
    expect(exportName('.mp4', 'srt')).toBe('captions.srt');
  });
});
