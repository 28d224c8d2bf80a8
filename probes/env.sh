# env probe: placeholder until written
sec placeholder
echo env
