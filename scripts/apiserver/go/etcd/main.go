// etcd's own main (go.etcd.io/etcd/v3's main.go): the server is go.etcd.io/etcd/server/v3's etcdmain.
package main

import (
	"os"

	"go.etcd.io/etcd/server/v3/etcdmain"
)

func main() {
	etcdmain.Main(os.Args)
}
