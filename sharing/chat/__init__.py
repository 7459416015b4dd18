"""Live chat of defense groups: the message log and its delivery protocol (docs/ARCHITECTURE.md, "Live discussion")."""
