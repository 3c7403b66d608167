/** Every instrumentation's conformance driver. */
import type { ConformanceDriver } from '../driver';
import { brainjsDriver } from './brainjs';
import { mljsDriver } from './mljs';
import { naturalDriver } from './natural';
import { tfjsDriver } from './tfjs';

export const DRIVERS: readonly ConformanceDriver[] = [tfjsDriver, brainjsDriver, naturalDriver, mljsDriver];
