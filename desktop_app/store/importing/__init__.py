"""What imports and export-all read in bulk."""
