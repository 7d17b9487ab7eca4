// A server the person added that speaks the OpenAI-compatible chat API, and the models they picked on it.

export interface RemoteModel {
  /** The model's id on the server, as GET /v1/models lists it. */
  name: string;
  /** Only where the server's listing says the model hears; otherwise a sound is refused before it is sent. */
  audio: boolean;
}

export interface RemoteServer {
  id: string;
  /** Normalized: http(s), no credentials, no query, ending in /v1. */
  baseUrl: string;
  /** Kept in this origin's localStorage only; never in a model spec, an export or a log (docs/remote.md). */
  apiKey: string | null;
  models: RemoteModel[];
}

/** What a model spec says about where a remote model is; no key. */
export interface RemoteEndpoint {
  serverId: string;
  baseUrl: string;
  /** host[:port], shown beside the model wherever it is named. */
  host: string;
  model: string;
}
