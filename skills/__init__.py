"""Coping skills and the jars that hold them."""
