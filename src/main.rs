fn main() {
    ion_pages::start();
}
