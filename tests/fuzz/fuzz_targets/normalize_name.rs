#![no_main]
// The name normalizer and search keys on arbitrary text (see src/fuzzing.rs).
libfuzzer_sys::fuzz_target!(|data: &[u8]| observer_registry::fuzzing::name_input(data));
