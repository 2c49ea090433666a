namespace FastNet.Kernels.Vectors;

/// <summary>
/// A kernel body written once for any width; <see cref="VectorDispatch.Run"/> calls it with the widest width this
/// machine accelerates. Its spans and result are fields of the implementing (ref) struct.
/// </summary>
internal interface IVectorKernel
{
    void Run<TVec, TWidth>() where TVec : struct where TWidth : struct, IVectorWidth<TVec>;
}
