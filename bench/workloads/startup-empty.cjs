// Start-up workload: an empty script. bench/figures/startup.mjs measures what a preload adds to it.
