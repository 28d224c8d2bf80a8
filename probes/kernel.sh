# kernel probe: placeholder until written
sec placeholder
echo kernel
