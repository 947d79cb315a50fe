"""JSON API of the evaluation."""
