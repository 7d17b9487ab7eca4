// Types for the commonmark-spec package (the CommonMark spec's examples), which ships none.

declare module 'commonmark-spec' {
  export interface SpecExample {
    markdown: string;
    html: string;
    section: string;
    number: number;
  }
  export const text: string;
  export const tests: SpecExample[];
}
