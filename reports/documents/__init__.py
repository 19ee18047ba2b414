"""Document builders: words and layout from computed figures (no arithmetic), and the document model."""
