"""The journal: urges noticed and choices made, and what they add up to."""
