"""A personal safety plan, and the public help page one tap from every page."""
