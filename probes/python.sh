# python probe: placeholder until written
sec placeholder
echo python
