"""Joint defense groups: participants, common-interest agreements, permissioned documents."""
