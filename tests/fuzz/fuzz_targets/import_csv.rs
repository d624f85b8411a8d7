#![no_main]
// The importer on arbitrary bytes as one contract file, in a dry run (see src/fuzzing.rs).
libfuzzer_sys::fuzz_target!(|data: &[u8]| observer_registry::fuzzing::import_input(data));
