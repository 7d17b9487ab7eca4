// Vite resolves `?url` imports to the emitted asset's URL (the app declares the same in src/worker/onnx-assets.d.ts).
declare module '*?url' {
  const url: string;
  export default url;
}
