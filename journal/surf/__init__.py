"""Riding out an urge with the wave: start, check in, end, and look back at past waves."""
