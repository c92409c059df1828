"""Publications (công bố kết quả): score runs made public, immutable and numbered, and the public
read API and downloads served from the bytes rendered once at publication."""
