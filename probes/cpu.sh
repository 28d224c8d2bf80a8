# cpu probe: placeholder until written
sec placeholder
echo cpu
