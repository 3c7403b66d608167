/** Every instrumentation's conformance driver. */
import type { ConformanceDriver } from '../driver';
import { tfjsDriver } from './tfjs';

export const DRIVERS: readonly ConformanceDriver[] = [tfjsDriver];
