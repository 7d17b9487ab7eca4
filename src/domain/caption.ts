// Captions: timed lines of text for a video or recording, as the recognizer writes them and the person edits them.

/** One caption: shown from `start` to `end` (seconds from the start of the media). */
export interface Cue {
  start: number;
  end: number;
  text: string;
}
