// How a sentence goes into a multilingual voice model: Supertonic 2 reads the language from a tag around the text.

/**
 * `text` wrapped in its language's tag, `<es>Hola.</es>`, as Supertonic 2's model card feeds it ('<en>This is really
 * cool!</en>', languages en, ko, es, pt, fr). transformers.js passes the text to the model's tokenizer unchanged, so the
 * tag is the only way the model learns the language. No language: the text as it is (a voice without tags).
 */
export function speechInput(text: string, language?: string): string {
  if (!language) return text;
  if (!/^[a-z]{2,3}$/.test(language)) throw new Error(`"${language}" is not an ISO 639 language code`);
  return `<${language}>${text}</${language}>`;
}
