"""The one computation layer: pure functions from loaded entries to rows and totals."""
