package io.contiv.exporter.netmaster;

/** Netmaster answered 404: the object is gone, typically deleted between a list and an inspect. */
public class NetmasterNotFoundException extends NetmasterException {
    public NetmasterNotFoundException(String message) {
        super(message);
    }
}
