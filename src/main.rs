fn main() {
    eprintln!("wijkregister: in aanbouw");
}
