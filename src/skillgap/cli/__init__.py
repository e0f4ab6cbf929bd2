"""The argparse face: `main`, one module per command group, and the argument types."""
