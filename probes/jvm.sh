# jvm probe: placeholder until written
sec placeholder
echo jvm
