"""Hands-on exercises: pure checkers and thin page scripts (the next issues fill this in)."""
