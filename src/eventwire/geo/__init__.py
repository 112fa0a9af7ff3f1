"""(stub — being written)"""
