"""Live chat of defense groups: the message log and its delivery protocol (DESIGN.md)."""
