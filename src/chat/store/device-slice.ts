// The device slice: what Sensa measured about this device, for the model picker's tiers and first-run suggestion.

import type { StateCreator } from 'zustand/vanilla';
import type { DeviceMeasurement } from '../../models/device/measure';
import type { StoreContext } from './context';
import type { SensaState } from './state';

export interface DeviceSlice {
  /** Null until measured (after first paint, when the page is idle) or where nothing measures. */
  device: DeviceMeasurement | null;
  /** Measures once capabilities are known; later calls return the same measurement. */
  measureDevice(): Promise<void>;
}

export const createDeviceSlice =
  ({ deps }: StoreContext): StateCreator<SensaState, [], [], DeviceSlice> =>
  (set, get) => {
    let running: Promise<void> | null = null;
    return {
      device: null,
      measureDevice() {
        const caps = get().capabilities;
        if (!deps.measure || !caps) return Promise.resolve();
        const measure = deps.measure;
        running ??= measure(caps).then(
          (device) => set({ device }),
          // measureDevice catches the benchmark's failures itself; anything else leaves the picker flat, as before.
          () => {
            running = null;
          },
        );
        return running;
      },
    };
  };
