# system probe: placeholder until written
sec placeholder
echo system
