/**
 * @license
 * Copyright 2020 Google LLC. All Rights Reserved.
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 * http://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 * =============================================================================
 */

// Register Layers' flags.
import '@tensorflow/tfjs-layers/dist/flags_layers';
import '@tensorflow/tfjs-core';
// tslint:disable-next-line:no-imports-from-dist
import '@tensorflow/tfjs-core/dist/public/chained_ops/register_all_chained_ops';
// tslint:disable-next-line: no-imports-from-dist
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import '@tensorflow/tfjs-backend-cpu';
// mlflow-autolog: no WebGL backend in Node.js (the webgl environments below are not registered).

// tslint:disable-next-line: no-imports-from-dist
import {registerTestEnv} from '@tensorflow/tfjs-core/dist/jasmine_util';

// Register test environments.
// mlflow-autolog: only the CPU environment, the one Node.js has; upstream also registers webgl1
// and webgl2 and picks among them from Karma's flags.
registerTestEnv({name: 'cpu', backendName: 'cpu'});

// mlflow-autolog: jasmine loads the test files itself (upstream's generated ./tests requires them).
