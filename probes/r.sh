# r probe: placeholder until written
sec placeholder
echo r
