// Turns Python's "No module named …" for a package Sensa doesn't ship into a sentence a person (or the model) can act on.

/** Packages whose point is drawing: their absence means no plots. */
const PLOTTING = new Set(['matplotlib', 'seaborn', 'plotly', 'bokeh', 'altair', 'pylab']);

/**
 * The note to show under a Python error that says a module is missing, or null for any other error. The npm
 * `pyodide` package ships the interpreter and the standard library only; every other package (numpy, matplotlib, …)
 * would come from Pyodide's CDN, which Sensa never uses (docs/tools.md).
 */
export function missingPackageNote(errorText: string): string | null {
  const match = /ModuleNotFoundError: No module named '([\w.]+)'/.exec(errorText);
  const name = match?.[1]?.split('.')[0];
  if (!name) return null;
  const base = `${name} isn’t available here: Python in Sensa has only its standard library, because packages would have to come from a CDN and nothing here leaves your device.`;
  return PLOTTING.has(name) ? `${base} Plots can’t be drawn.` : base;
}
