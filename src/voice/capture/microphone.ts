// Microphone capture for voice and live mode: an AudioWorklet (./capture-worklet.ts) in place of the deprecated
// ScriptProcessorNode, which ran on the page's main thread and so dropped or delayed audio whenever the page was busy.

// `?worker&url`: Vite bundles the worklet and its one import into a file of its own and gives its URL, so the file is
// self-hosted, hashed, and in the service worker's precache list like every other emitted file (vite.config.ts).
import workletUrl from './capture-worklet.ts?worker&url';
import { tr } from '../../i18n/i18n';
import { CAPTURE_PROCESSOR, STOP, type CaptureChunk } from './protocol';

export interface Capture {
  /** The microphone's rate, which the chunks are at. */
  sampleRate: number;
  stop(): void;
}

/**
 * Starts posting the stream's audio, mono, to `onChunk` in chunks of about 32 ms. Rejects, with a message for the
 * person, if the browser cannot run the worklet (no AudioWorklet outside a secure context, or the module failed to load).
 */
export async function captureMicrophone(context: AudioContext, stream: MediaStream, onChunk: (chunk: CaptureChunk) => void): Promise<Capture> {
  try {
    // Undefined outside a secure context (HTTPS or localhost).
    if (!context.audioWorklet) throw new Error('AudioWorklet is not available on this page');
    await context.audioWorklet.addModule(workletUrl);
  } catch (error) {
    throw new Error(tr('read:listen.captureFailed', { message: error instanceof Error ? error.message : String(error) }), { cause: error });
  }
  const source = context.createMediaStreamSource(stream);
  const node = new AudioWorkletNode(context, CAPTURE_PROCESSOR, {
    numberOfInputs: 1,
    numberOfOutputs: 1,
    outputChannelCount: [1],
    // One channel, explicitly: a stereo microphone is downmixed by the node, not cut to its left channel.
    channelCount: 1,
    channelCountMode: 'explicit',
    channelInterpretation: 'speakers',
  });
  node.port.onmessage = (event: MessageEvent<CaptureChunk>) => onChunk(event.data);
  // The node is pulled by the destination, through a silent gain: nothing is heard, and every browser renders it.
  const mute = context.createGain();
  mute.gain.value = 0;
  source.connect(node);
  node.connect(mute);
  mute.connect(context.destination);
  return {
    sampleRate: context.sampleRate,
    stop() {
      node.port.onmessage = null;
      node.port.postMessage(STOP);
      source.disconnect();
      node.disconnect();
      mute.disconnect();
    },
  };
}
