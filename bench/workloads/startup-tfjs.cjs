// Start-up workload: a script that only loads TensorFlow.js (pure JS, cpu backend).
// bench/figures/startup.mjs measures what a preload adds to it.
require('@tensorflow/tfjs');
