/** Every instrumentation's conformance driver. */
import type { ConformanceDriver } from '../driver';
import { brainjsDriver } from './brainjs';
import { mljsDriver } from './mljs';
import { tfjsDriver } from './tfjs';

export const DRIVERS: readonly ConformanceDriver[] = [tfjsDriver, brainjsDriver, mljsDriver];
