// Human-readable sizes, durations and rates for the UI, in the UI's language (Intl; i18n/ sets the locale).

let locale = 'en';
let sizeUnknown = 'size unknown';

/** Called by i18n/ when the UI language changes; shared/ stays free of the i18n library. */
export function configureFormat(options: { locale: string; sizeUnknown: string }): void {
  locale = options.locale;
  sizeUnknown = options.sizeUnknown;
}

export function formatLocale(): string {
  return locale;
}

/**
 * Building an Intl formatter costs far more than using one (ICU loads the locale's data each time): a 500-message chat
 * re-rendering its answers' figures spent a third of a 300 ms task in `new Intl.NumberFormat`. One per locale and options.
 */
const numberFormats = new Map<string, Intl.NumberFormat>();
function numberFormat(options: Intl.NumberFormatOptions | undefined): Intl.NumberFormat {
  const key = `${locale}\u0000${options ? JSON.stringify(options) : ''}`;
  let format = numberFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, options);
    numberFormats.set(key, format);
  }
  return format;
}

const UNITS = ['byte', 'kilobyte', 'megabyte', 'gigabyte', 'terabyte'] as const;

function unitNumber(value: number, unit: string, digits: number): string {
  return numberFormat({ style: 'unit', unit, unitDisplay: 'short', minimumFractionDigits: digits, maximumFractionDigits: digits }).format(value);
}

export function formatBytes(bytes: number | null): string {
  if (bytes === null || !Number.isFinite(bytes)) return sizeUnknown;
  // Bytes and seconds keep their SI symbols (Intl spells them "byte" and "sec"); larger sizes take Intl's local units.
  if (bytes < 1000) return `${formatNumber(bytes)} B`;
  let value = bytes / 1000;
  let unit = 1;
  while (value >= 1000 && unit < UNITS.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return unitNumber(value, UNITS[unit] ?? 'terabyte', value >= 100 ? 0 : 1);
}

export function formatMs(ms: number): string {
  return ms < 1000 ? `${formatNumber(Math.round(ms))} ms` : `${formatNumber(ms / 1000, { minimumFractionDigits: 1, maximumFractionDigits: 1 })} s`;
}

/** A plain number in the UI's language ("1,234.5", "1.234,5", "١٬٢٣٤٫٥"). */
export function formatNumber(value: number, options?: Intl.NumberFormatOptions): string {
  return numberFormat(options).format(value);
}

/** A whole percentage in the UI's language ("42%", "٪٤٢", "42 %"). */
export function formatPercent(value: number): string {
  return formatNumber(value / 100, { style: 'percent' });
}

/** A date and time in the UI's language. */
export function formatDate(date: Date | number, options: Intl.DateTimeFormatOptions = { dateStyle: 'medium', timeStyle: 'short' }): string {
  return new Intl.DateTimeFormat(locale, options).format(date);
}

/** The time of day as a name for a recording or photo, e.g. "14.05.09"; dots, because ":" is not allowed in file names everywhere. */
export function clockStamp(date: Date = new Date(), separator = '.'): string {
  return date.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' }).replaceAll(':', separator);
}

export function percent(loaded: number, total: number): number {
  if (total <= 0) return 0;
  return Math.min(100, Math.max(0, Math.round((loaded / total) * 100)));
}
