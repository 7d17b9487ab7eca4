// Variant picker: the variants of the selected model this device runs, each with its download size, what it trades and whether it fits.

import { useId } from 'react';
import { downloadBytes } from '../../models/catalog';
import { type ModelSpec } from '../../domain/model';
import type { FitVerdict } from '../../models/fit';
import type { VariantChoice, VariantListing } from '../../models/variant';
import { formatBytes } from '../../shared/format';
import type { Dtype } from '../../domain/model';
import { useTranslation } from '../../i18n/react';

interface VariantPickerProps {
  spec: ModelSpec;
  listing: VariantListing;
  /** What Auto would load here; null when it finds nothing. */
  auto: VariantChoice | null;
  picked: Dtype | 'auto';
  /** Whether the variant fits this device's storage and GPU; null while unknown. */
  fitOf: (dtype: Dtype) => FitVerdict | null;
  disabled: boolean;
  onPick: (dtype: Dtype | 'auto') => void;
}

/** Sits in the model row, saying which variant will load, and opens the list below the row. */
export function VariantButton({ open, listId, picked, auto, onToggle, disabled }: { open: boolean; listId: string; picked: Dtype | 'auto'; auto: VariantChoice | null; onToggle: () => void; disabled: boolean }) {
  const { t } = useTranslation('models');
  const current = picked === 'auto' ? (auto ? t('variant.autoWith', { dtype: auto.dtype }) : t('panel.auto')) : picked;
  return (
    <button type="button" className="button variant-button" aria-expanded={open} aria-controls={open ? listId : undefined} onClick={onToggle} disabled={disabled} title={t('variant.title')}>
      {t('variant.button', { current })} <span aria-hidden="true">{open ? t('variant.arrowOpen') : t('variant.arrowClosed')}</span>
    </button>
  );
}

export function VariantPicker({ spec, listing, auto, picked, fitOf, disabled, onPick, listId }: VariantPickerProps & { listId: string }) {
  const { t } = useTranslation('models');
  const name = useId();
  const size = (dtype: Dtype) => formatBytes(downloadBytes(spec, dtype));
  return (
    <fieldset className="variant-picker" id={listId} disabled={disabled}>
      <legend>{t('variant.legend')}</legend>
      <VariantRow
        name={name}
        value="auto"
        label={t('panel.auto')}
        checked={picked === 'auto'}
        onPick={onPick}
        size={auto ? t('variant.autoSize', { dtype: auto.dtype, size: size(auto.dtype) }) : null}
        detail={auto ? t('variant.autoPick') : t('variant.autoNone')}

        warning={null}
      />
      {listing.options.map((option) => {
        const fit = option.blocked === null ? fitOf(option.dtype) : null;
        const warning = fit && (fit.verdict === 'wont-fit' || fit.verdict === 'tight') ? fit.message : null;
        return (
          <VariantRow
            key={option.dtype}
            name={name}
            value={option.dtype}
            label={option.dtype}
            checked={picked === option.dtype}
            onPick={onPick}
            size={size(option.dtype)}
            detail={option.tradeOff}
            warning={option.blocked ?? warning}
            blocked={option.blocked !== null}
          />
        );
      })}
    </fieldset>
  );
}

function VariantRow(props: {
  name: string;
  value: Dtype | 'auto';
  label: string;
  checked: boolean;
  onPick: (dtype: Dtype | 'auto') => void;
  size: string | null;
  detail: string;
  warning: string | null;
  blocked?: boolean;
}) {
  const labelId = useId();
  const detailId = useId();
  return (
    <label className={`variant-option${props.blocked ? ' blocked' : ''}`} data-variant={props.value}>
      <input
        type="radio"
        name={props.name}
        value={props.value}
        checked={props.checked}
        disabled={props.blocked}
        onChange={() => props.onPick(props.value)}
        aria-labelledby={labelId}
        aria-describedby={detailId}
      />
      <span className="variant-text">
        <span className="variant-head">
          <strong id={labelId}>{props.label}</strong>
          {props.size !== null && <span className="variant-size">{props.size}</span>}
        </span>
        <span id={detailId} className="variant-detail">
          {props.detail}
          {props.warning !== null && (
            <>
              {' '}
              <span className="variant-warning">{props.warning}</span>
            </>
          )}
        </span>
      </span>
    </label>
  );
}
