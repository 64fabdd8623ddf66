"""The commands, one module per group: scenario, evaluate, search."""
