# Loads a WSDL with zeep (an independent SOAP stack) and prints each operation with its soapAction.
import sys

import zeep

client = zeep.Client(sys.argv[1])
for service in client.wsdl.services.values():
    for port in service.ports.values():
        for operation in port.binding._operations.values():
            print(operation.name, operation.soapaction)
