# os probe: placeholder until written
sec placeholder
echo os
