# gpu probe: placeholder until written
sec placeholder
echo gpu
